"""E-mail to staff about the editorial workflow (filled in by the outbox)."""


def submitted(obj, *, by):
    pass


def published(obj, *, author, by):
    pass


def sent_back(obj, *, author, by, comment):
    pass
