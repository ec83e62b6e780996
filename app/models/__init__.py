"""peewee models: the database proxy (``proxy``), opening a database (``db``), the tables
(``tables``), schema versions and migrations (``migrations``)."""
