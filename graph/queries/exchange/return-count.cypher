RETURN count(*) AS count
