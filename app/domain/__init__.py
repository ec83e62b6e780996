"""Pure Python business rules: statuses, state machines, money, validation.

Imports neither Qt nor peewee.
"""
