"""Names as CM/ECF writes them."""


def last_first(name: str) -> str:
    """'Jane Q. Doe' -> 'Doe, Jane Q.', the form that ends docket text and names the NEF's filer."""
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name
