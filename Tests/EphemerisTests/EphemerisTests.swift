import Testing
@testable import Ephemeris
