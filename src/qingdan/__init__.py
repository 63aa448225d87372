"""qingdan (清单): keep government responsibility lists as checked, versioned YAML."""

__version__ = "0.1.0"
