-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d), as the user billstream.
-- Each service owns its database; the services' Flyway migrations create everything inside it.
CREATE DATABASE billstream_order;
CREATE DATABASE billstream_billing;
CREATE DATABASE billstream_portal;
CREATE DATABASE billstream_notification;
CREATE DATABASE billstream_document;
