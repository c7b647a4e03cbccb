"""Stage 4, site: the generated docs folder every builder reads, the builder adapters (MkDocs plugin,
Zensical), the publishing steps every build ends in, and the atomic swap into site/."""

from . import social_cards
from .builders import BUILDERS
from .docs_folder import (
    WORK,
    docs_dir,
    hidden_pages,
    nav,
    page_text,
    relative_url,
    write_docs,
    zensical_config,
)
from .publish import (
    STEPS,
    Release,
    content_security_policy,
    csp_headers,
    header_rules,
    headers_file,
    headers_for,
    inline_script_hashes,
    minify,
    publish,
    sha256_source,
)
from .swap import BuildFailed, build_site

__all__ = [
    "BUILDERS",
    "STEPS",
    "WORK",
    "BuildFailed",
    "Release",
    "build_site",
    "content_security_policy",
    "csp_headers",
    "docs_dir",
    "header_rules",
    "headers_file",
    "headers_for",
    "hidden_pages",
    "inline_script_hashes",
    "minify",
    "nav",
    "page_text",
    "publish",
    "relative_url",
    "sha256_source",
    "social_cards",
    "write_docs",
    "zensical_config",
]
