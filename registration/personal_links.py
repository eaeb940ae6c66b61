"""Further personal links of one invitation, for the e-mails that carry one.

The invitation's own link (Invitation.token_hash) comes with the invitation
e-mail. The confirmation and change e-mails carry a link too, so that people
invited without an e-mail (``manage.py invite``, a CSV upload) still have theirs;
each e-mail gets a fresh token, and only its hash is kept here. Re-sending the
invitation, which is what staff do when a link leaks, ends all of them.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalLink(models.Model):
    invitation = models.ForeignKey(
        "registration.Invitation",
        on_delete=models.CASCADE,
        related_name="personal_links",
        verbose_name=_("invitation"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")

    def __str__(self) -> str:
        return f"{self.invitation} ({self.created_at:%Y-%m-%d %H:%M})"
