"""`vnie review`: an offline HTML site where every extracted fact is seen in its sentence."""

from pipeline.review.site import ReviewError, ReviewReport, build_review

__all__ = ["ReviewError", "ReviewReport", "build_review"]
