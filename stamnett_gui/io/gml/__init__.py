"""Graph Modelling Language (GML), as the Internet Topology Zoo writes it: the syntax and the Zoo reader."""
