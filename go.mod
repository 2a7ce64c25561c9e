module outagelens

go 1.26
