"""Who may have which document: the same rules as the pages the documents come from."""

from petitions import permissions as petition_permissions


def can_reveal_in_document(user, petition):
    """A sealed denouncer's identity goes into a document only for those the petition page shows it to."""
    return petition.is_sealed and petition_permissions.can_see_identity(user, petition)


def can_follow_export(user, export):
    """An export is its maker's alone: it holds what their scope let them see."""
    return user.is_authenticated and export.user_id == user.pk
