-- What the Flexfone employee list adds to the directory: the employee's description and phones
-- (devices with their own local numbers).
ALTER TABLE directory ADD COLUMN description VARCHAR(200);

CREATE TABLE directory_device (
    localnumber         VARCHAR(20)  NOT NULL REFERENCES directory (localnumber) ON DELETE CASCADE,
    device_localnumber  VARCHAR(20)  NOT NULL,
    name                VARCHAR(100),
    type                INTEGER,
    PRIMARY KEY (localnumber, device_localnumber)
);
