"""The outbox: every e-mail the site sends, as a record staff can see and re-send.

It sits just above ``events`` so that registration, proposals and organisers all
queue through it; it knows none of them. Which app builds an e-mail is named in
the settings (``OUTBOX_BUILDERS``), as Django names its backends.
"""
