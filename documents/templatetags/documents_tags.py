from django import template

from .. import permissions, selectors

register = template.Library()


@register.inclusion_tag("documents/includes/petition_documents.html", takes_context=True)
def petition_documents(context, petition):
    """The documents the petition's steps produced, each as PDF and .docx, for the petition page."""
    user = context["request"].user
    return {
        "petition": petition,
        "documents": selectors.documents_for(petition),
        "can_reveal": permissions.can_reveal_in_document(user, petition),
    }
