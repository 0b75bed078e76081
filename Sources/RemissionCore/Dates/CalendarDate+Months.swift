extension CalendarDate {
    /// The same day `months` calendar months later (earlier when negative), clamped to the
    /// last day of a shorter month.
    ///
    /// Clinics count follow-up in months from the infusion ("the month-3 visit"), so the
    /// month-3 visit after an infusion on 30 November is on 28 February (29 in a leap year),
    /// not in March: a visit never slips into the next month. Defined once here, so that
    /// `due`, `plan` and the calendar file agree.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, CalendarDate.daysInMonth(year: newYear, month: newMonth))
        // Every component is in range by construction.
        return CalendarDate(year: newYear, month: newMonth, day: newDay)!
    }
}
