"""The GUI side of HyperProspect: plugin class, dock panels, dependency installer."""
