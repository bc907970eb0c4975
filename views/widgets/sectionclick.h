#pragma once

class QDateTimeEdit;

// Makes a click on a date or time field select the section under it (the
// hours, the minutes, the day…), as Tab does, so digits typed next replace
// it as in any time field. Without it the click leaves a bare cursor in a
// full section, where QDateTimeEdit rejects every digit typed.
void selectSectionOnClick(QDateTimeEdit *edit);
