-- Run once, as a superuser, on a new server.
CREATE DATABASE music_log WITH OWNER = music_log TEMPLATE = template0 ENCODING = 'UTF-8';
