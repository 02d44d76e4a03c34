"""`vnie crawl` and `vnie sources`: fetching articles from news sites (see pipeline.crawl)."""
