[profile]
name=t
description=d
[validity]
default=-5d
