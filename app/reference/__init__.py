"""Reference data: the portal's id lists, local authorities and postcodes."""


def load_sample_postcodes():
    """Load the sample ONSPD file shipped in app/reference/data (for the demo). Safe to repeat."""
    from app.reference.importer import load_sample_postcodes as load

    return load()
