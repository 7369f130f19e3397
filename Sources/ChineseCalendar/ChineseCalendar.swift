// ChineseCalendar module
