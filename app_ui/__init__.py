"""The app's UI layer: session state, caching, figures, downloads and shared widgets."""
