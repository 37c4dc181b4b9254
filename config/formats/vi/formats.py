"""Dates as Vietnamese papers write them, day first, in both languages of the app (the English
page shows the same Vietnamese records). Django's own ``vi`` formats use "d-m-Y" and its ``en``
formats read "05/06/2025" as 6 May; the app's date box (documents.forms) parses what is typed."""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"]
FIRST_DAY_OF_WEEK = 1
