import Testing
@testable import SkyRecon
