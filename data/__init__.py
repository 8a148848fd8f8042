"""Reading, validating and storing contact histories."""
