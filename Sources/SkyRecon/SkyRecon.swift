// SkyRecon module
