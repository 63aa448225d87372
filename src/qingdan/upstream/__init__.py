"""Upstream lists: other offices' list repositories (the nation's, the province's) named in ``qingdan.toml``,
pinned at a commit, fetched by ``qingdan sync`` into the cache and read from there as read-only ancestors."""
