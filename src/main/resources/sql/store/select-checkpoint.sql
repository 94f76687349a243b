SELECT position FROM checkpoint WHERE source = :#${header.source} AND tag = :#${header.tag}
