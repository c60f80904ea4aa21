"""Reference data: the portal's id lists, local authorities and postcodes."""
