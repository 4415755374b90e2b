"""The Qoo10 QAPI sandbox as a package, split by domain (see ../README.md).

Standard library only. It shares no code with the connector's client
(``qoo10_connector/qapi``): a mistake in one should be caught by the other.
"""
