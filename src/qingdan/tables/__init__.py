"""Tables: spreadsheet and CSV import and export, the column vocabulary of published lists."""
