import Testing
@testable import SkyTime
