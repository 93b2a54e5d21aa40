"""Every path string of the UI, in one place."""

INDEX = "/"
