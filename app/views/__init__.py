"""Qt widgets: the main window, its pages, table models.  Never imports peewee."""
