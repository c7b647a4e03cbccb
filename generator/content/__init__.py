"""Stage 1, content: editors' YAML and Markdown read with positions, validated into typed records,
cross-checked, and loaded as one `Guide`."""

from ..text import fill
from .ids import Found, Keys, Ref, declared, ids_in, records, reference_fields, references
from .load import load_guide
from .model import FILES, Guide, Id, Price, Source
from .overdue import overdue_reviews
from .read import Document, parse_yaml, read_text, read_yaml
from .reference_checks import check_references
from .validate import validate
from .values import counts, figures, money, resolve

__all__ = [
    "FILES",
    "Document",
    "Found",
    "Guide",
    "Id",
    "Keys",
    "Price",
    "Ref",
    "Source",
    "check_references",
    "counts",
    "declared",
    "figures",
    "fill",
    "ids_in",
    "load_guide",
    "money",
    "overdue_reviews",
    "parse_yaml",
    "read_text",
    "read_yaml",
    "records",
    "reference_fields",
    "references",
    "resolve",
    "validate",
]
