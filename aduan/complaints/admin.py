"""Complaints in the Django admin: read-only. Status changes only through the workflow (the
office pages and the API), so nothing here can edit a complaint."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from aduan.complaints.models import Attachment, Complaint, Event


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = Event
    fields = ("at", "action", "actor_role", "from_status", "to_status", "agency", "note")
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("link", "content_type", "size", "sha256", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=_("berkas"))
    def link(self, obj):
        # Media is not served publicly; the office view checks visibility first.
        url = reverse("office:attachment", args=[obj.complaint.tracking_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("buka"))


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    # No reporter contact details in the list: it is shown on screens and exported.
    list_display = (
        "tracking_id",
        "title",
        "status",
        "kind",
        "channel",
        "agency",
        "unit",
        "submitted_at",
        "due_at",
    )
    list_filter = (
        "status",
        "channel",
        "kind",
        "is_anonymous",
        "is_confidential",
        ("agency", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("tracking_id", "title")
    list_select_related = ("agency", "unit")
    show_full_result_count = False
    ordering = ("-submitted_at",)
    fieldsets = (
        (None, {"fields": ("tracking_id", "kind", "status", "channel", "title", "body")}),
        (_("Tempat"), {"fields": ("region", "address", "latitude", "longitude", "incident_date")}),
        (
            _("Penanganan"),
            {
                "fields": (
                    "category",
                    "agency",
                    "unit",
                    "routed_by",
                    "route_confidence",
                    "route_model_version",
                    "answer",
                    "rating",
                )
            },
        ),
        (
            _("Batas waktu"),
            {
                "fields": (
                    "submitted_at",
                    "due_at",
                    "outcome_due_at",
                    "paused_at",
                    "extensions",
                    "disposed_at",
                    "answered_at",
                    "closed_at",
                )
            },
        ),
        (
            _("Pelapor"),
            {
                "classes": ("collapse",),
                "fields": (
                    "is_anonymous",
                    "is_confidential",
                    "reporter",
                    "reporter_name",
                    "reporter_email",
                    "reporter_phone",
                    "filed_by",
                ),
            },
        ),
    )
    inlines = (AttachmentInline, EventInline)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Every complaint of the country with its reporter's contacts, outside any scope:
        # for superusers only, never for a directory editor given "view complaint".
        return request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_superuser
