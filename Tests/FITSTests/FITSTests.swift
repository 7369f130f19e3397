import Testing
@testable import FITS
