"""Page furniture in plain text: where the article body ends.

After the byline or a copyright line come related-news summaries, "©",
"Bản quyền thuộc về ...", language switchers: not the article.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import text_of

_COPYRIGHT = re.compile(r"^\s*(?:©|®|\(c\)|Bản quyền thuộc về|Copyright)", re.I | re.M)


@Language.factory("vnie_furniture", requires=["doc.text"], assigns=["doc._.body_end"])
def make_furniture(nlp: Language, name: str) -> "FurnitureFinder":
    return FurnitureFinder()


class FurnitureFinder:
    """Sets ``doc._.body_end`` to the first copyright line, if before the current end."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        end = doc._.body_end if doc._.body_end is not None else len(text)
        m = _COPYRIGHT.search(text, 0, end)
        if m:
            end = m.start()
        doc._.body_end = end
        return doc
