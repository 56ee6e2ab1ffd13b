"""Render: facts -> documents (view model, sandboxed Jinja, Markdown, HTML and Word)."""
