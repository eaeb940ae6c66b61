"""E-mails in the admin: the list by state and kind, re-sending, and each object's.

Read-only: staff never edit an e-mail, they re-send it, which queues a new
attempt through the outbox and is kept in the page's history.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from events.now import now
from outbox.models import Email
from outbox.selectors import OVERDUE_AFTER
from outbox.services import resend

SHOWN = [
    "created_at",
    "kind",
    "recipient",
    "subject",
    "language",
    "state",
    "attempts",
    "failed_step",
    "last_error",
    "next_attempt_at",
    "sent_at",
    "resent_at",
    "resent_by",
]


class OverdueFilter(admin.SimpleListFilter):
    """Due for a while and not taken: the worker is down or lost the job."""

    title = _("waiting too long")
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Yes"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(
                state__in=[Email.State.QUEUED, Email.State.FAILING],
                next_attempt_at__lt=now() - OVERDUE_AFTER,
            )
        return queryset


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "shown_state",
        "kind",
        "recipient",
        "conference",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["state", OverdueFilter, "kind", "app", "conference"]
    list_select_related = ["conference"]
    search_fields = ["recipient", "subject"]
    fields = ["app", "conference", "about_link", *SHOWN]
    readonly_fields = fields
    actions = ["resend_action"]
    change_list_template = "outbox/admin/email_changelist.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an e-mail is caused by a change, never written by hand

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # nothing is lost silently, nor by a click

    @admin.display(description=_("state"), ordering="state")
    def shown_state(self, email: Email) -> str:
        return format_html(
            '<span class="email-state email-state-{}">{}</span>',
            email.state,
            email.get_state_display(),
        )

    @admin.display(description=_("last error"))
    def short_error(self, email: Email) -> str:
        if not email.last_error or email.state == Email.State.SENT:
            return "—"
        return email.last_error[:80]

    @admin.display(description=_("about"))
    def about_link(self, email: Email) -> str:
        about = email.about
        if about is None:
            return "—"
        try:
            url = reverse(
                f"admin:{about._meta.app_label}_{about._meta.model_name}_change",
                args=[about.pk],
            )
        except NoReverseMatch:  # a model without an admin page
            return str(about)
        return format_html('<a href="{}">{}</a>', url, about)

    @admin.action(description=_("Re-send"), permissions=["change"])
    def resend_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = resend(list(queryset), by=request.user)
        self.message_user(
            request,
            _("%(count)d e-mails queued again.") % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(require_POST(self.resend_given_up_view))
        return [
            path("resend-given-up/", view, name="outbox_email_resend_given_up"),
            *super().get_urls(),
        ]

    def resend_given_up_view(self, request: HttpRequest) -> HttpResponseRedirect:
        """Re-send every given-up e-mail (of the list's conference, if filtered)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        given_up = Email.objects.filter(state=Email.State.GIVEN_UP)
        conference = request.POST.get("conference", "")
        if conference.isdigit():
            given_up = given_up.filter(conference_id=int(conference))
        count = resend(list(given_up), by=request.user)
        self.message_user(
            request,
            _("%(count)d given-up e-mails queued again.") % {"count": count},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:outbox_email_changelist") + "?state__exact=queued"
        )

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra_context = {
            **(extra_context or {}),
            "given_up_count": Email.objects.filter(state=Email.State.GIVEN_UP).count(),
            "can_resend": self.has_change_permission(request),
        }
        return super().changelist_view(request, extra_context)


class EmailsShown:
    """A ModelAdmin mixin: the e-mails about the object, read-only, on its page.

    A table in a read-only field rather than an inline, so that the page's form
    (and every script or test that posts it) needs no formset of e-mails.
    """

    @admin.display(description=_("outgoing e-mails"))
    def emails(self, obj: models.Model) -> str:
        if obj.pk is None:
            return "—"
        emails = Email.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).order_by("-created_at", "-id")
        return render_to_string("outbox/admin/emails_table.html", {"emails": emails})
