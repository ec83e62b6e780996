"""Translation markers for the domain layer, without importing Qt.

``pyside6-lupdate`` finds strings by the marker's name, so the domain can mark its
user-visible texts with the same name Qt uses while staying free of Qt.  The views
translate them at display time with ``QCoreApplication.translate(context, text)``.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's own name
    return text
