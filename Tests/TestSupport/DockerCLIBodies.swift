/// Request bodies exactly as the docker 20.10 CLI sends them (written by hand from the Go
/// types it encodes, in its field order, compact), shared by the JSON and policy tests.
public enum DockerCLIBodies {
    /// `docker run -d --name web [--user USER] -e FOO=bar -p 8080:80 -v data:/data
    /// --restart unless-stopped local/busybox:1 sleep 1000` → `POST /v1.41/containers/create?name=web`.
    public static func containerCreate(user: String = "") -> String {
        [
            #"{"Hostname":"","Domainname":"","User":""#, user, #"","AttachStdin":false,"AttachStdout":false,"#,
            #""AttachStderr":false,"ExposedPorts":{"80/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"#,
            #""Env":["FOO=bar"],"Cmd":["sleep","1000"],"Image":"local/busybox:1","Volumes":{},"WorkingDir":"","#,
            #""Entrypoint":null,"OnBuild":null,"Labels":{},"HostConfig":{"Binds":["data:/data"],"ContainerIDFile":"","#,
            #""LogConfig":{"Type":"","Config":{}},"NetworkMode":"default","#,
            #""PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"#,
            #""RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0},"AutoRemove":false,"VolumeDriver":"","#,
            #""VolumesFrom":null,"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"#,
            #""DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"#,
            #""PidMode":"","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"#,
            #""UTSMode":"","UsernsMode":"","ShmSize":0,"ConsoleSize":[0,0],"Isolation":"","CpuShares":0,"Memory":0,"#,
            #""NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":null,"#,
            #""BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"#,
            #""CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"#,
            #""DeviceCgroupRules":null,"DeviceRequests":null,"KernelMemory":0,"KernelMemoryTCP":0,"#,
            #""MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":null,"OomKillDisable":false,"PidsLimit":null,"#,
            #""Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"#,
            #""ReadonlyPaths":null},"NetworkingConfig":{"EndpointsConfig":{}}}"#,
        ].joined()
    }
}
