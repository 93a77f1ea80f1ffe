"""The label set: three stances on Ukraine joining NATO, plus ``none`` (LABELS.md)."""

STANCES = ("supportive", "conditional", "denying")
NONE = "none"
LABELS = STANCES + (NONE,)
LABEL2ID = {label: i for i, label in enumerate(LABELS)}
ID2LABEL = dict(enumerate(LABELS))

# The proposition every stance is about; the target-aware input pairs each statement with it.
TARGET = "Ukraine joining NATO"
