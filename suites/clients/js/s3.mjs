import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, ListObjectsV2Command, DeleteObjectCommand, DeleteBucketCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { config, name, expect, expectError } from "./_lib.mjs";

const s3 = new S3Client({ ...config, forcePathStyle: true });
await s3.send(new CreateBucketCommand({ Bucket: name }));
await s3.send(new PutObjectCommand({ Bucket: name, Key: "a/b.txt", Body: "hello parity", ContentType: "text/plain" }));
const obj = await s3.send(new GetObjectCommand({ Bucket: name, Key: "a/b.txt" }));
expect("body", await obj.Body.transformToString(), "hello parity");
expect("content type", obj.ContentType, "text/plain");
const list = await s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: "a/" }));
expect("listing", list.Contents.map((o) => o.Key), ["a/b.txt"]);
await expectError("missing key", "NotFound", s3.send(new HeadObjectCommand({ Bucket: name, Key: "missing" })));
await s3.send(new DeleteObjectCommand({ Bucket: name, Key: "a/b.txt" }));
await s3.send(new DeleteBucketCommand({ Bucket: name }));
