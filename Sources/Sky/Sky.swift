// Sky module
