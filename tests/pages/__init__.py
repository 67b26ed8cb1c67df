"""Search, the front page and the page cache."""
