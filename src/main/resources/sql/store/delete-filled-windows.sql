-- Windows the batch read to the end: nothing is left in them to show or to read.
DELETE FROM gap_window WHERE id IN (:#in:filledWindows)
