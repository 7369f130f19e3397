import Testing
@testable import ChineseCalendar
