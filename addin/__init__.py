"""What Excel calls: the xlwings ribbon add-in and its macros."""
