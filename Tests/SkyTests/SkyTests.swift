import Testing
@testable import Sky
