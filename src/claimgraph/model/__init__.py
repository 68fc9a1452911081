"""The model layer: IRIs and namespaces, the project layout, and loading files into a graph."""
