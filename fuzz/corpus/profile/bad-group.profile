[profile]
name=t
description=d
[validity]
default=1d
[extras]
